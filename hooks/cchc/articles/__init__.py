"""Articles and model practices: loader, the quarterly quota, list pages and the RSS feed."""
