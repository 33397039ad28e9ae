"""dunguard (催收盾): offline help for borrowers facing debt collection in China."""

__version__ = "0.1.0"
