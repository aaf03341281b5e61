from newswire.app.cli import app

app(prog_name="newswire")
