# ruff: noqa
# Grows memory inside numpy.
import numpy as np
from strategies import plain_strategy


@plain_strategy("Numpy Hog")
def numpy_hog(me, them):
    arrays = []
    while True:
        arrays.append(np.ones(2**22))
