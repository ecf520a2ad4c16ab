"""Imported by the forkserver that starts ``parse_many``'s workers: warms it up.

:func:`newsparse._parallel.start_context` lists this module with
:func:`multiprocessing.set_forkserver_preload`. The server imports it once,
before it forks any worker, so newsparse, the built-in plugins and their
lazily loaded data (tagger, weights, lexicons) are in its memory and every
worker forked from it starts with them, instead of importing and loading them
again (seconds of CPU per worker with ``spawn``).

Importing this module does that work (about as much as a first parse) in
whatever process imports it: only the forkserver should.
"""

import gc

from newsparse._parallel import warm

warm()
# Objects loaded so far go to a permanent generation: collections in the workers
# do not walk (and so touch and copy) every inherited object again.
gc.freeze()
