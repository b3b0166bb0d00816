"""Running documented code: a reader's session per page, the Milvus engines, outputs."""
