"""Translations: complete, same shape as English, in their language, with outdated sections listed."""
