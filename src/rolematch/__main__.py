"""``python -m rolematch``: the same command line as the ``rolematch`` script."""

from rolematch._cli import main

main()
