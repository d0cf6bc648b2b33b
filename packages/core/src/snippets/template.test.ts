import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { firstNameOf, parseTemplate, renderTemplate, SNIPPET_VARIABLES } from './template.js';

/** The `body` issue a bad body throws. */
function bodyIssue(body: string): string {
  try {
    parseTemplate(body);
  } catch (error) {
    expect(ValidationError.isInstance(error)).toBe(true);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.path)).toEqual(['body']);
    return issues[0]!.message;
  }
  throw new Error(`"${body}" parsed`);
}

describe('parseTemplate', () => {
  it('splits text and variables, allowing spaces inside the braces', () => {
    expect(parseTemplate('Hi {{contact.firstName}}, I am {{ agent.name }}.')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'contact.firstName' },
      { kind: 'text', text: ', I am ' },
      { kind: 'variable', name: 'agent.name' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('reads adjacent variables, a body of one variable, and a body with none', () => {
    expect(parseTemplate('{{inbox.name}}{{conversation.subject}}')).toEqual([
      { kind: 'variable', name: 'inbox.name' },
      { kind: 'variable', name: 'conversation.subject' },
    ]);
    expect(parseTemplate('Thanks!')).toEqual([{ kind: 'text', text: 'Thanks!' }]);
    expect(parseTemplate('')).toEqual([]);
  });

  it('accepts every documented variable', () => {
    for (const name of SNIPPET_VARIABLES) expect(parseTemplate(`{{${name}}}`)).toEqual([{ kind: 'variable', name }]);
  });

  it('keeps a lone "}}" and single braces as text', () => {
    expect(renderTemplate(parseTemplate('a }} b { c } {x}'), {})).toBe('a }} b { c } {x}');
  });

  it('names an unknown variable', () => {
    expect(bodyIssue('Call {{contact.phone}} now')).toMatch(/unknown variable \{\{contact\.phone\}\}/);
    // Case matters: the documented spelling is the only one.
    expect(bodyIssue('{{Contact.Name}}')).toMatch(/unknown variable \{\{Contact\.Name\}\}/);
  });

  it('refuses malformed placeholders', () => {
    expect(bodyIssue('Hi {{contact.name')).toMatch(/"\{\{" at character 3 is never closed/);
    expect(bodyIssue('Hi {{contact.name}} and {{')).toMatch(/character 24 is never closed/);
    expect(bodyIssue('{{}}')).toMatch(/"\{\{\}\}" at character 0 is not a variable/);
    expect(bodyIssue('{{ contact }}')).toMatch(/is not a variable/);
    expect(bodyIssue('{{contact.name.first}}')).toMatch(/is not a variable/);
    expect(bodyIssue('{{{contact.name}}}')).toMatch(/is not a variable/);
    expect(bodyIssue('{{contact name}}')).toMatch(/is not a variable/);
  });
});

describe('renderTemplate', () => {
  it('fills values in; missing and null values are empty', () => {
    const parts = parseTemplate('Hi {{contact.firstName}} <{{contact.email}}>, {{agent.name}}');
    expect(renderTemplate(parts, { 'contact.firstName': 'Ada', 'contact.email': null })).toBe('Hi Ada <>, ');
  });

  it('never re-parses values and never touches HTML', () => {
    const parts = parseTemplate('<b>{{contact.name}}</b> &amp; {{agent.email}}');
    const values = { 'contact.name': '{{agent.email}} <script>x</script>', 'agent.email': 'a&b@x.test' };
    expect(renderTemplate(parts, values)).toBe('<b>{{agent.email}} <script>x</script></b> &amp; a&b@x.test');
  });
});

describe('firstNameOf', () => {
  it('is the first word of the name, or null', () => {
    expect(firstNameOf('  Ada  King Lovelace ')).toBe('Ada');
    expect(firstNameOf('Ada')).toBe('Ada');
    expect(firstNameOf('   ')).toBeNull();
    expect(firstNameOf(null)).toBeNull();
  });
});
