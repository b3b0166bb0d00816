"""Statements the pages make about pymilvus and Milvus, each proved on the engine it names."""
