"""What a reader sees in Chromium: every built page, read once per worker."""
