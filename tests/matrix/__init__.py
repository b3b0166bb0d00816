"""The "tested with" matrix: which Python, pymilvus and Milvus Lite each page's code runs on (run.py)."""
