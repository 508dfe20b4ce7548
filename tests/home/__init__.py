"""The App Home tab."""
