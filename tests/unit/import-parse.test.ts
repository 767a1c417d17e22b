import { parseCsv, parseFile, ImportFileError } from '../../src/import/import.parse';

describe('import file parsing', () => {
  it('when a CSV uses « ; », quotes, doubled quotes, line breaks in cells and a BOM, then each cell is read as typed', () => {
    const csv =
      '\uFEFFcle;Titre;resume\r\nk1;"Un ""titre"" ; avec point-virgule";"deux\nlignes"\nk2;=1+1;\n';
    expect(parseCsv(csv)).toEqual([
      { cle: 'k1', titre: 'Un "titre" ; avec point-virgule', resume: 'deux\nlignes' },
      { cle: 'k2', titre: '=1+1', resume: '' },
    ]);
  });

  it('when a CSV uses commas, then the separator is detected from the header', () => {
    expect(parseCsv('cle,titre\nk1,"a, b"\n')).toEqual([{ cle: 'k1', titre: 'a, b' }]);
  });

  it('when a JSON cell holds a list, then it becomes « ; »-separated text; when the file is not a list, then a French error', async () => {
    const rows = await parseFile(
      'a.json',
      Buffer.from('[{"cle": "k", "thematiques": ["a", "b"], "n": 3}]'),
    );
    expect(rows).toEqual([{ cle: 'k', thematiques: 'a ; b', n: '3' }]);
    const objects = await parseFile(
      'a.json',
      Buffer.from('[{"cle": {"$ne": null}, "l": [1, {}]}]'),
    );
    expect(objects).toEqual([{ cle: { notText: true }, l: { notText: true } }]);
    await expect(parseFile('a.json', Buffer.from('{"cle": "k"}'))).rejects.toThrow(ImportFileError);
    await expect(parseFile('a.txt', Buffer.from('x'))).rejects.toThrow('Format non pris en charge');
    await expect(parseFile('a.xlsx', Buffer.from('pas un classeur'))).rejects.toThrow(
      'n’est pas un classeur',
    );
  });
});
