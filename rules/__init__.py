"""ftlint's built-in rules, one module per family (loaded by file path, like a user's own).

Numbering policy: FT + three digits. The hundreds digit names the family:
1 text, 2 image, 3 tabular, 4 optimization, 5 class balance, 6 architecture,
7 checkpoints, 8 data (what the data files the scripts read contain; `--data`),
9 ftlint's own problems (unreadable file, syntax error). A code is never
reused for another meaning; a retired rule keeps its number retired.
"""
