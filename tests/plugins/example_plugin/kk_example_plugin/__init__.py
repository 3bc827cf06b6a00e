"""Example third-party directory plugin (quality marks); see README.md."""
