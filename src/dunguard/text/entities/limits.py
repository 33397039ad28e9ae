"""Work bounds that keep extraction linear on hostile input (10 MB lines, junk)."""

MAX_SCAN = 100_000  # only the first MAX_SCAN characters of a message are read
MAX_PER_KIND = 64  # each entity kind keeps at most this many results
