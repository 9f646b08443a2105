"""The trainee's terminal app (Textual). The only package allowed to import Textual.

Screens are thin: they ask the engine what is on offer, pass the trainee's choice
back, and render what it returns. No scoring or flow logic lives here.
"""
