"""ftlint: find where a fine-tuning script disagrees with the script that trained the model."""

__version__ = "0.1.0"
