#!/usr/bin/env python3
# commands.py OVERENS - prints the COMMANDS section of overens(1) from the
# tool's own listings (overens --commands, overens COMMAND --help), so the
# man page says exactly what the code takes.  Paste its output between the
# BEGIN/END COMMANDS markers of cli/man/overens.1 (or run it with
# --update cli/man/overens.1 to do that in place); the scenario
# tests/scenarios/cli_options.sh fails when the two differ.
import re
import subprocess
import sys

ROFF = {'…': '\\&...', 'ö': '\\[:o]', 'Ö': '\\[:O]', 'å': '\\[oa]', 'Å': '\\[oA]',
        'ä': '\\[:a]', 'Ä': '\\[:A]', '§': '\\[sc]', '–': '\\[en]'}


def run(*args):
    env = {'LANG': 'C', 'LC_ALL': 'C.UTF-8', 'PATH': '/usr/bin:/bin'}
    return subprocess.run([sys.argv[1], *args], capture_output=True, text=True,
                          env=env, check=True).stdout


def esc(text):
    text = text.replace('\\', '\\e').replace('-', '\\-')
    for k, v in ROFF.items():
        text = text.replace(k, v)
    return text


def line(text):
    text = esc(text)
    return '\\&' + text if text[:1] in ('.', "'") else text


def options(help_text):
    """(flag, help) pairs of the command's own options block."""
    if '\noptions:\n' not in help_text:
        return []
    out = []
    for row in help_text.split('\noptions:\n')[1].split('\n\n')[0].splitlines():
        if row.startswith(' ' * 26):
            out[-1][1] = row.strip()
            continue
        m = re.match(r'^\s+(\S.*?)(?:\s{2,}(.*))?$', row)
        out.append([m.group(1), m.group(2) or ''])
    return out


def flag(text):
    m = re.match(r'^(-\w)?(?:, )?(--[\w-]+)?(?: (\S+))?( …)?$', text)
    short, long_, value, repeat = m.groups()
    out = '\\fB%s\\fR' % esc(', '.join(x for x in (short, long_) if x))
    if value:
        out += ' \\fI%s\\fR' % esc(value)
    return out + (' \\&...' if repeat else '')


def command(name):
    text = run(name, '--help')
    parts = text.split('\n\n')
    forms = []
    for row in parts[0].splitlines():
        if row.startswith(('usage: overens ', '   or: overens ')):
            forms.append(row.split('overens ', 1)[1])
        else:
            forms[-1] += ' ' + row.strip()
    out = ['.SS %s' % line(name)]
    for i, form in enumerate(forms):
        out += (['.br'] if i else []) + ['.B overens', line(form)]
    # Every paragraph of the description, up to the options.
    for part in parts[1:]:
        if part.startswith(('options:', 'global options')):
            break
        out.append('.PP')
        out += [line(row) for row in part.splitlines()]
    for f, h in options(text):
        out += ['.TP', flag(f), line(h)]
    return out


def main():
    out = []
    for row in run('--commands').splitlines():
        out += command(row.split('\t')[0])
    text = '\n'.join(out)
    if len(sys.argv) > 3 and sys.argv[2] == '--update':
        # commands.py OVERENS --update MANPAGE: replaces the section in place.
        with open(sys.argv[3], encoding='utf-8') as f:
            page = f.read()
        head, rest = page.split('.\\" BEGIN COMMANDS\n', 1)
        _, tail = rest.split('.\\" END COMMANDS\n', 1)
        with open(sys.argv[3], 'w', encoding='utf-8') as f:
            f.write(head + '.\\" BEGIN COMMANDS\n' + text + '\n.\\" END COMMANDS\n' + tail)
    else:
        print(text)


main()
