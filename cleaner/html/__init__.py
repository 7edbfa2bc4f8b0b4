"""HTML pages: parse, consent boxes, rendering to text, trafilatura, metadata from the tree."""
