"""What a reader sees in Chromium: each page read once, in one of two lanes of workers."""
