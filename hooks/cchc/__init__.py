"""The pure core of the CCHC column: content files in, validated domain objects out.

Nothing in this package imports MkDocs; `hooks/cchc_site.py` is the only adapter.
"""
