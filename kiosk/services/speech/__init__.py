"""Read aloud: the page's sentences spoken by espeak-ng on the server, in the person's language.

- `sentences`: finds the sentences of a rendered page's main text and marks them for the player.
- `spoken`: writes dates, times and codes the way a voice should say them.
- `voices`: runs espeak-ng (and opusenc) to make the audio.
- `shared`: tells the app's own wording, the same for everyone, from personal text.
- `audio_cache`: keeps the audio of the app's own wording on disk (never personal text).
"""
