"""The rubric engine: scores each choice on each criterion that applies, with a reason.

Shares and reflections are scored mechanically from tags (never from the text a
trainee wrote), authored lines from the author's evidence; weights, pass marks
and bands come from the rubric file.
"""
