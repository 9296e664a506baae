// A strict XML parse (saxes) into a small tree, so tests prove well-formedness and read
// values the way a feed reader would.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  const [document] = root.children;
  if (!document) throw new Error('empty XML document');
  return document;
}

/** Every descendant element with this name, in document order. */
export function all(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...all(child, name));
  }
  return found;
}

export function first(element: XmlElement, name: string): XmlElement {
  const [hit] = all(element, name);
  if (!hit) throw new Error(`no <${name}> in <${element.name}>`);
  return hit;
}

/** The text of the direct child elements named `name`. */
export function childTexts(element: XmlElement, name: string): string[] {
  return element.children.filter((c) => c.name === name).map((c) => c.text);
}
