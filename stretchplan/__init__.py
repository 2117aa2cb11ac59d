"""stretchplan: branded, printable PDF stretch plans with a QR code per exercise video.

The engine runs in four stages, each a subpackage or module that only imports
the stages before it: load -> plan -> render -> deliver.
"""

__version__ = "0.1.0"
