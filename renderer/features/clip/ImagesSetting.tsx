import { useEffect, useId, useState } from 'react';
import { call } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { useQuery } from '../../lib/use-query';

/**
 * The library's image setting, where clipping happens: store copies of a page's images in the
 * library (readable offline, the default) or keep pointing at the web. Applies to later clips.
 */
export function ImagesSetting() {
  const id = useId();
  const toast = useToast();
  const { data } = useQuery(() => call('settings.get', {}), [], 'Could not read the image setting');
  const [images, setImages] = useState<'store' | 'remote' | null>(null);
  useEffect(() => {
    if (data) setImages(data.images);
  }, [data]);

  const change = async (keepRemote: boolean) => {
    const previous = images;
    setImages(keepRemote ? 'remote' : 'store');
    try {
      const saved = await call('settings.update', { images: keepRemote ? 'remote' : 'store' });
      setImages(saved.images);
    } catch (error) {
      setImages(previous);
      toast.error(error, 'Could not change the image setting');
    }
  };

  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" checked={images === 'remote'} disabled={images === null} onChange={(event) => void change(event.target.checked)} aria-describedby={`${id}-hint`} />
        Keep images on the web
      </label>
      <p id={`${id}-hint`} className="field__hint checkbox__hint">
        {images === 'remote' ? 'New clips link to their images where they are: those will not show offline.' : 'New clips keep copies of their images in the library, for reading offline.'}
      </p>
    </div>
  );
}
