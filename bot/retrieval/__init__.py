"""Retrieval: embeddings, the index (Chroma), the lexical and in-memory indexes, the park directory,
search as named stages, and the composers that turn evidence into an answer.

(Not called "knowledge": that is the data folder.)
"""
