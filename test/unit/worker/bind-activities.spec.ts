import { describe, expect, it } from '@jest/globals';
import { bindActivities } from '../../../apps/worker/src/activities.js';

class GreetingActivities {
  private readonly greeting = 'hello';
  constructor(private readonly suffix: string) {}

  async greet(name: string): Promise<string> {
    return Promise.resolve(`${this.greeting} ${name}${this.suffix}`);
  }

  async shout(name: string): Promise<string> {
    return (await this.greet(name)).toUpperCase();
  }
}

class CountingActivities {
  calls = 0;

  async count(): Promise<number> {
    this.calls += 1;
    return Promise.resolve(this.calls);
  }
}

class ClashingActivities {
  async greet(): Promise<string> {
    return Promise.resolve('clash');
  }
}

describe('bindActivities', () => {
  it('collects the methods of every instance, by name, and nothing else', () => {
    const activities = bindActivities(new GreetingActivities('!'), new CountingActivities());
    expect(Object.keys(activities).sort()).toEqual(['count', 'greet', 'shout']);
    for (const fn of Object.values(activities)) expect(typeof fn).toBe('function');
  });

  it('excludes the constructor', () => {
    const activities = bindActivities(new GreetingActivities('!'));
    expect(Object.prototype.hasOwnProperty.call(activities, 'constructor')).toBe(false);
  });

  it('excludes instance fields (only prototype methods become activities)', () => {
    const activities = bindActivities(new CountingActivities());
    expect(Object.keys(activities)).toEqual(['count']);
  });

  it('keeps `this`, so a detached method still reads instance fields', async () => {
    const { greet } = bindActivities(new GreetingActivities('!'));
    await expect(greet('Duban')).resolves.toBe('hello Duban!');
  });

  it('keeps `this` for calls to other methods of the same instance', async () => {
    const { shout } = bindActivities(new GreetingActivities('?'));
    await expect(shout('duban')).resolves.toBe('HELLO DUBAN?');
  });

  it('binds each function to its own instance, sharing that instance state', async () => {
    const counter = new CountingActivities();
    const { count } = bindActivities(counter);
    await expect(count()).resolves.toBe(1);
    await expect(count()).resolves.toBe(2);
    expect(counter.calls).toBe(2);
  });

  it('binds two instances of the same class separately when given in separate calls', async () => {
    const a = bindActivities(new GreetingActivities('a'));
    const b = bindActivities(new GreetingActivities('b'));
    await expect(a.greet('x')).resolves.toBe('hello xa');
    await expect(b.greet('x')).resolves.toBe('hello xb');
  });

  it('throws when two classes define the same method name', () => {
    expect(() => bindActivities(new GreetingActivities('!'), new ClashingActivities())).toThrow(
      'Two activity classes define greet',
    );
  });

  it('returns an empty object for no instances', () => {
    expect(bindActivities()).toEqual({});
  });
});
