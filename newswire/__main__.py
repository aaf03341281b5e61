from newswire.cli import app

app(prog_name="newswire")
