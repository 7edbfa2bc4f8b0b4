"""Text: lines and their features, language, named rules and their gates, context, metadata of dumps."""
