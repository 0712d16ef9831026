"""The survey portal: a municipality answers its response together (issue: fieldwork part 1)."""
