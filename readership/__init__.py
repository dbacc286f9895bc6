"""What readers read: recap views counted from a beacon, without cookies or personal data.

The cache tag of every page that shows "Most read this week": the hourly flush purges it."""

MOST_READ_TAG = "most-read"
