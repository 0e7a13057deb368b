"""placeholder"""
import numpy as np
def confirm(arr, kind, options):
    return np.zeros(len(arr), dtype=np.bool_)
