"""Text vectors in the database and the chunk tasks that encode and match at scale."""
