"""The read side: the one read path (queries), the digest, e-mail and HTML sanitising for display."""
