"""The filing wizard's widgets: :class:`WizardWidget` and one ``*_page`` module per step."""
from .wizard_widget import WizardWidget

__all__ = ["WizardWidget"]
