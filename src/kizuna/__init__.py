"""Kizuna: matching and programme platform for Thai-Japanese industrial cooperation."""
