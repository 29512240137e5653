"""Progress reports: dated progress entries kept apart from the signed plan, and the quarterly
and yearly CCHC reports the site writes from them."""
