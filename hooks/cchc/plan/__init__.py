"""The yearly reform plan: its model and loader, its indicators and its pages."""
