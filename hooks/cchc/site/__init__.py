"""The whole site: addresses links may point to, search index, share cards, publishing."""
