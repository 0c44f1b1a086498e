"""`python -m searchidx`."""

from .cli import main

main()
