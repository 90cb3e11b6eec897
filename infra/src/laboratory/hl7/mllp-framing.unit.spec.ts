import { expect } from 'chai';
import { mllpDeframer, mllpFrame, type MllpFrameEvent } from './mllp-framing.js';

const texts = (events: MllpFrameEvent[]) =>
  events.map((e) => (e.kind === 'frame' ? e.content.toString('utf8') : `oversized:${e.head.toString('utf8')}`));

describe('MLLP framing', () => {
  it('finds one frame in one chunk', () => expect(texts(mllpDeframer(100)(mllpFrame('MSH|a')))).to.deep.equal(['MSH|a']));

  it('finds several frames in one chunk', () => {
    const chunk = Buffer.concat([mllpFrame('one'), mllpFrame('two'), mllpFrame('three')]);
    expect(texts(mllpDeframer(100)(chunk))).to.deep.equal(['one', 'two', 'three']);
  });

  it('joins a frame split over chunks, wherever the split falls', () => {
    const bytes = Buffer.concat([mllpFrame('first message'), mllpFrame('second')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const deframe = mllpDeframer(100);
      expect(texts([...deframe(bytes.subarray(0, cut)), ...deframe(bytes.subarray(cut))]), `cut at ${cut}`).to.deep.equal([
        'first message',
        'second',
      ]);
    }
  });

  it('drops noise between frames and a frame the sender restarted', () => {
    const chunk = Buffer.concat([Buffer.from('noise\r\n'), Buffer.from('\x0bhalf a mess'), mllpFrame('whole'), Buffer.from('\r\r')]);
    expect(texts(mllpDeframer(100)(chunk))).to.deep.equal(['whole']);
  });

  it('keeps multi-byte characters whole across chunks', () => {
    const bytes = mllpFrame('café 🧪');
    const deframe = mllpDeframer(100);
    const events = [...bytes].map((b) => deframe(Buffer.from([b]))).flat();
    expect(texts(events)).to.deep.equal(['café 🧪']);
  });

  it('reports an oversized frame once with its start, skips its rest and goes on', () => {
    const deframe = mllpDeframer(10);
    const events = [
      ...deframe(Buffer.from('\x0bMSH|0123456789')),
      ...deframe(Buffer.from('more of it')),
      ...deframe(Buffer.concat([Buffer.from('\x1c\r'), mllpFrame('small')])),
    ];
    expect(texts(events)).to.deep.equal(['oversized:MSH|0123456789', 'small']);
  });
});
