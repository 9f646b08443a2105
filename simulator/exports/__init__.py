"""Exports for trainers and learning systems: CSV (long and wide), Excel, JSON Lines, xAPI.

Privacy first: exports carry opaque trainee ids, choice ids and scores; story text
appears only with ``--include-story-text``; files are written atomically as 0600.
"""
