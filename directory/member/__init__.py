"""The member self-service screens: a focused place to keep one's own profile up to date."""
