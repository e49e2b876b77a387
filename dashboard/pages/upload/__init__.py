"""Upload (`/upload`): a project's monitoring workbook, checked cell by cell, loaded when valid.

Only for logged-in users (dashboard/auth.py). The page has two halves:
- public (`login-*` ids): who is logged in, or a login link, or why upload is off. Its callback
  reads no workbook, so anonymous visitors may run it.
- protected (`upload-*` ids): the upload control, the validation report and the load button.
  The server refuses these callbacks without a login before they run (auth's guard on the id
  prefix `upload-`), and each one checks `auth.current_user()` again before it touches a byte.

- `page.py`: the registration and `layout(**query)`.
- `layout.py`: the frame (the protected panel stays hidden until the login callback opens it).
- `callbacks.py`: the login state, the check and the load.
- `workbook.py`: the work on the uploaded bytes: decoding, checking, logging the attempt, loading.
- `view.py`: what the callbacks show: the problems, the summary of a valid workbook, the result.
"""
