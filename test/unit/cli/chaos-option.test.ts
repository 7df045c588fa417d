import { chaosOption } from '../../../src/cli/chaos-option';

describe('chaosOption (serve --chaos)', () => {
  it('reads name=value pairs, lists joined by +', () => {
    expect(
      chaosOption('seed=7,rate=0.1,apis=aws-batch+fabric,operations=CancelJob,kinds=error+hang'),
    ).toEqual({
      seed: 7,
      rate: 0.1,
      apis: ['aws-batch', 'fabric'],
      operations: ['CancelJob'],
      kinds: ['error', 'hang'],
    });
  });

  it('reads the JSON of POST /__admin/chaos', () => {
    expect(chaosOption(' {"seed": 1, "rate": 1} ')).toEqual({ seed: 1, rate: 1 });
  });

  it.each([
    ['seed=1,speed=2', /unknown "speed"/],
    ['seed', /not name=value/],
    ['{"seed":', /not JSON/],
  ])('refuses %s', (value, message) => {
    expect(() => chaosOption(value)).toThrow(message);
  });
});
