"""What every feature reads: errors, YAML with lines, text, dates, numbers, links, templates, the school."""
