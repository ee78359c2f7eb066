"""How much one batch of documents holds: the limit the local worker processes
(`workers.py`) and the cluster's tasks (`quotes/distributed/`) share. No spaCy here, so the
cluster's client reads it without loading the model."""

# Documents a batch holds at most.
BATCH_SIZE = 32
# Characters of text in one batch at most (a longer document goes alone): a worker's memory
# grows with the text it parses at once, about 4 KB a character over the model's 0.8 GB.
BATCH_CHARS = 100_000
