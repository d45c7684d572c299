import './main.css';

document.body.dataset.ready = 'true';
