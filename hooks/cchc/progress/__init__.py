"""Each task's state on the as-of date, the progress page, its charts and open data."""
