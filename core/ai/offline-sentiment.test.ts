import { detectLanguage, offlineSentiment, tokenize } from './offline-sentiment';

test('Spanish: positive and negative', () => {
  expect(offlineSentiment('¡Muchas gracias! El servicio es excelente, estoy muy contenta')).toMatchObject({
    sentiment: 'positive',
    language: 'es',
  });
  expect(offlineSentiment('El pedido llegó roto, es un servicio horrible y estoy muy enfadado')).toMatchObject({
    sentiment: 'negative',
    language: 'es',
  });
});

test('English: positive and negative', () => {
  expect(offlineSentiment('Thanks, this is great, I love it')).toMatchObject({ sentiment: 'positive', language: 'en' });
  expect(offlineSentiment('This is terrible, the worst service, I am angry')).toMatchObject({
    sentiment: 'negative',
    language: 'en',
  });
});

test('no words is neutral; scores stay within -1…1', () => {
  expect(offlineSentiment('')).toMatchObject({ sentiment: 'neutral', score: 0 });
  const { score } = offlineSentiment('awful awful awful terrible horrible');
  expect(score).toBeGreaterThanOrEqual(-1);
});

test('language guess', () => {
  expect(detectLanguage(tokenize('¿Tienen envío a Madrid?'))).toBe('es');
  expect(detectLanguage(tokenize('Do you ship to Madrid?'))).toBe('en');
});
