"""Who the people and organisations of one article are: its mentions (`graph.Mention`, of a
kind `kinds.mention_kind` decides), and the resolvers that link a speaker's mention to
who it names, with their evidence (`resolvers.py`)."""
