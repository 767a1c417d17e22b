import { frenchOf } from '../../src/lib/text';

describe('« de » before a name', () => {
  it.each([
    ['Paul Martin', 'de Paul Martin'],
    ['Élodie Petit', 'd’Élodie Petit'],
    ['Orléans', 'd’Orléans'],
    ['Yves', 'd’Yves'],
    ['alice@exemple.fr', 'd’alice@exemple.fr'],
    ['Hélène', 'd’Hélène'],
    ['Bourges', 'de Bourges'],
    ['  Anne ', 'd’Anne'],
  ])('when the name is « %s », then it reads « %s »', (name, expected) => {
    expect(frenchOf(name)).toBe(expected);
  });
});
